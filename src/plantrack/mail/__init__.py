"""Mail: composing the summaries for leaders and owners, and sending them over SMTP."""
