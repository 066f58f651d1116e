"""The deployment files agree with the settings: every service is watched, every variable listed."""

import re
from pathlib import Path

import pytest

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ENV_READ = re.compile(r"""\benv(?:_bool|_list)?\(\s*["']([A-Z][A-Z0-9_]*)["']""")


@pytest.fixture(scope="module")
def compose() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def is_one_shot(service: dict) -> bool:
    return service.get("restart") == "no"


def test_every_long_running_service_has_a_healthcheck(compose):
    services = compose["services"]
    assert {"web", "worker", "db", "redis", "elasticsearch"} <= set(services)
    for name, service in services.items():
        if is_one_shot(service):
            continue
        healthcheck = service.get("healthcheck")
        assert healthcheck and healthcheck.get("test"), f"{name} has no healthcheck"
        assert not healthcheck.get("disable"), f"{name} disables its healthcheck"


def test_web_and_worker_wait_for_healthy_backing_services_and_migrations(compose):
    services = compose["services"]
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    for name in ("web", "worker", "migrate"):
        depends = services[name]["depends_on"]
        for backing in ("db", "redis", "elasticsearch"):
            assert depends[backing]["condition"] == "service_healthy", (name, backing)
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )


def test_app_services_run_production_settings(compose):
    services = compose["services"]
    for name in ("web", "worker", "migrate"):
        environment = services[name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert services[name]["env_file"] == ".env"
    assert services["web"]["command"][:2] == ["gunicorn", "config.wsgi"]
    assert "run_worker" in services["worker"]["command"]
    assert services["worker"]["restart"] == "unless-stopped"
    assert "worker-heartbeat" in " ".join(services["worker"]["healthcheck"]["test"])
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert "elasticsearch:8." in services["elasticsearch"]["image"]


def test_env_example_lists_every_variable_the_settings_read():
    listed = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M)
    )
    read = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        if path.name != "test.py":  # TEST_DATABASE_URL belongs to `make test`, not deployments
            read |= set(ENV_READ.findall(path.read_text()))
    assert "SECRET_KEY" in read
    assert read - listed == set()


def test_image_runs_as_an_unprivileged_user_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    assert users and users[-1] not in {"root", "0"}
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.M)
    assert 'CMD ["gunicorn", "config.wsgi"' in dockerfile
    assert "collectstatic" in dockerfile
