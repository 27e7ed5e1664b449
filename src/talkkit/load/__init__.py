"""Load: files -> typed models that remember file:line:col; YAML, validation, library, themes."""
