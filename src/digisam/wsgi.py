"""WSGI entry point: `gunicorn digisam.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digisam.settings")
application = get_wsgi_application()
