"""Backup and restore: `export_casebase` writes the whole database, the revision
history, the audit log, users and uploaded files to one archive; `import_casebase`
restores it into an empty database exactly (checked table by table)."""
