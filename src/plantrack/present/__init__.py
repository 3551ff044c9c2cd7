"""Presentation: the message catalogue and its words, tables for the terminal, and the reports
(text, Markdown, HTML, CSV, JSON). It turns results into what a reader sees; it reads no files."""
