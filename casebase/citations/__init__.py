"""Citation parsing and formatting. The core has no Django dependency."""
