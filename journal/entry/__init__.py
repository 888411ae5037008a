"""How a line or a form becomes an encounter: one path for the app and the CLI.

    line ──parse──▶ Draft ──resolve names──▶ Plan ──(the app confirms new people)──▶ store.save
    form ──read───▶ Draft ──people picked──▶ Plan ──(the form confirms new people)─▶ store.save

- :mod:`journal.entry.fields`: the fields of an encounter a person fills in, and the one mapping
  between what is typed, a :class:`~journal.entry.fields.Draft` and an ``Encounter``.
- :mod:`journal.entry.parse`: a quick-add line → a Draft (never raises, never drops text).
- :mod:`journal.entry.plan`: a Draft and whom it names → a Plan: per name the person in the
  journal or a new one, the encounter to save, and the give-them-time warnings (rule 6).
- :mod:`journal.entry.form`: the encounter form's values ↔ a Draft, with an error per field.

Text is normalised and records validated once, by ``JournalStore.save``.
"""
