"""What the app factory wires together: database, locale, login, blueprints, errors, CLI, demo data."""
