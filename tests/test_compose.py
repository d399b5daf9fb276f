"""docker-compose.yml against the Compose Specification's JSON schema (no Docker engine needed),
and what the stack promises: Neo4j 5 with a health check and a named volume, the app waiting for
it, credentials only from .env."""

from __future__ import annotations

import copy
import json
import re
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
# The Compose Specification's schema, as check-jsonschema vendors it from compose-spec.
SCHEMA = json.loads(
    (files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json").read_text("utf-8")
)
VARIABLE = re.compile(r"(?<!\$)\$\{(\w+)")  # $${...} is escaped: the container's shell reads it


def schema_errors(document: dict) -> list[str]:
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_the_compose_file_follows_the_compose_specification():
    assert schema_errors(COMPOSE) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda c: c["services"]["neo4j"].update(healthcheck={"interval": 10}),
        lambda c: c["services"]["app"].update(depends_on={"neo4j": {"condition": "soon"}}),
        lambda c: c.update(servics={}),
    ],
)
def test_the_schema_check_catches_mistakes(damage):
    broken = copy.deepcopy(COMPOSE)
    damage(broken)
    assert schema_errors(broken)


def test_neo4j_5_community_with_health_check_volume_and_laptop_memory():
    neo4j = COMPOSE["services"]["neo4j"]
    assert re.fullmatch(r"neo4j:5\.\d+-community", neo4j["image"])
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    volume, _, mount = neo4j["volumes"][0].partition(":")
    assert mount == "/data" and volume in COMPOSE["volumes"]
    memory = {k: v for k, v in neo4j["environment"].items() if k.startswith("NEO4J_server_memory")}
    assert len(memory) == 3


def test_the_app_is_built_here_and_waits_for_a_healthy_neo4j():
    app = COMPOSE["services"]["app"]
    assert app["build"] == "."
    assert app["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert app["environment"]["NEO4J_URI"].endswith("//neo4j:7687")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "edukg ingest /srv/examples/corpus" in dockerfile
    assert "pip install /wheels/" in dockerfile and "-e ." not in dockerfile  # the wheel


def test_credentials_come_only_from_the_env_file():
    for service in COMPOSE["services"].values():
        for key, value in service.get("environment", {}).items():
            if "PASSWORD" in key or key == "NEO4J_AUTH":
                assert "${NEO4J_PASSWORD:?" in value, key
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^NEO4J_PASSWORD=$", example, re.MULTILINE)
    used = set(VARIABLE.findall((ROOT / "docker-compose.yml").read_text(encoding="utf-8")))
    assert used <= set(re.findall(r"^#? ?(\w+)=", example, re.MULTILINE))
    for ignore_file in (".gitignore", ".dockerignore"):
        assert ".env" in (ROOT / ignore_file).read_text(encoding="utf-8").split()
