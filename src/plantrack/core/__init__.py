"""The pure core: the plan's types, periods, values, schedules and the rules of progress and
recording. Nothing here reads a file, prints, or knows a word of Chinese or English: what
must be told to a user is a Message (a catalogue key and its values), put into words by
plantrack.present."""
