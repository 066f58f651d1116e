# Business2Community: one image for the web server (gunicorn) and the task worker (db_worker).
# Built and run by docker-compose.yml; see docs/operations.md.

# --- build: dependencies, compiled translations and collected static files -------------------
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH

# gettext provides msgfmt for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
WORKDIR /app

# Dependencies first, so that a code change reuses this (large) layer. PyTorch comes as the
# CPU-only wheel: the PyPI wheel bundles CUDA libraries this image has no use for.
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip \
    && pip install --index-url https://download.pytorch.org/whl/cpu "torch==2.13.0" \
    && pip install --extra-index-url https://download.pytorch.org/whl/cpu . \
    && rm -rf build *.egg-info

COPY . .

# Production settings refuse to load without secrets; these placeholders exist only for this
# build step and are not part of the image's environment.
RUN export DJANGO_SETTINGS_MODULE=config.settings.production \
        SECRET_KEY=build-only-placeholder \
        DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    && python manage.py collectstatic --noinput \
    && if [ -n "$(find . -path '*/locale/*' -name '*.po' -print -quit)" ]; then \
        python manage.py compilemessages; \
    fi \
    && rm -f /tmp/build.sqlite3

# --- runtime --------------------------------------------------------------------------------
FROM python:3.11-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    MEDIA_ROOT=/app/media

RUN useradd --create-home --uid 10001 --user-group app

COPY --from=build /opt/venv /opt/venv
# The code stays owned by root, so the server cannot change it; only uploads are writable.
COPY --from=build /app /app
RUN mkdir -p /app/media && chown app:app /app/media

WORKDIR /app
USER app
EXPOSE 8000

# Worker processes: gunicorn reads WEB_CONCURRENCY (docker-compose.yml sets it).
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
