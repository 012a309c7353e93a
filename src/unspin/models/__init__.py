"""Model artifacts shipped with unspin (one folder per model, with a README model card)."""
