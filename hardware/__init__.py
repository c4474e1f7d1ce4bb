"""The card-reader helper for the PC beside a site's reader (python -m hardware.helper). It imports
nothing of the web app and talks to it over HTTP only."""
