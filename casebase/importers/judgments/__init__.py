"""Find Case Law LegalDocML judgments and press summaries, imported as precedents."""
