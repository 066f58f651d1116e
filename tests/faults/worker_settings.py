"""Settings of the worker the fault tests start as a subprocess: the real queue and run_worker.

Only the apps the worker needs (core for run_worker, the django-tasks queue), so a start takes a
fraction of the whole project's. The database is $WORKER_DATABASE_URL: a SQLite file with the
demo's options but a short busy timeout (a locked file turns into errors within the test's time),
or PostgreSQL.
"""

import os

import dj_database_url

from config.settings.base import SQLITE_OPTIONS, TASK_WORKER

SECRET_KEY = "test-only-key"  # noqa: S105
USE_TZ = True
INSTALLED_APPS = ["core", "django_tasks", "django_tasks_db"]
# Connections kept between polls, as in production (config/settings/base.py).
DATABASES = {"default": dj_database_url.parse(os.environ["WORKER_DATABASE_URL"], conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, "timeout": 0.5}
else:
    DATABASES["default"]["OPTIONS"] = {"application_name": "b2c-fault-worker"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_WORKER = {
    **TASK_WORKER,
    "RETRY_TASKS": [*TASK_WORKER["RETRY_TASKS"], "tests.faults.worker_tasks.*"],
    "RETRY_DELAY": 0.2,
    "RECOVER_EVERY": 0.5,
    "RECONNECT_DELAY_MAX": 1,
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
