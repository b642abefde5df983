"""The citation library's Django layer: it reads `law` (never `cases`) to turn
citations into links to casebase's own pages. The modules one level up stay free of
Django (tests/citations/test_layers.py checks both rules)."""
