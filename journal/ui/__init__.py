"""Everything that imports textual lives under journal.ui."""
