"""The Dockerfile parser on small, hand-written Dockerfiles."""
from __future__ import annotations

import pytest

from deploycheck import DockerfileError, healthcheck_command, parse_dockerfile, parse_env, split_flags

SAMPLE = """\
# syntax=docker/dockerfile:1
ARG BASE=node:22-bookworm-slim
FROM ${BASE} AS build
WORKDIR /app
RUN npm ci \\
    # a comment inside a continuation is dropped
 && npm run build
FROM build AS runtime
ENV A=1 B="two words"
HEALTHCHECK --interval=30s --timeout=5s CMD ["node", "-e", "1"]
CMD ["node", "server.js"]
"""


def test_splits_stages_and_substitutes_global_args():
    stages, args = parse_dockerfile(SAMPLE)
    assert args == {"BASE": "node:22-bookworm-slim"}
    assert [(s.base, s.name) for s in stages] == [("node:22-bookworm-slim", "build"), ("build", "runtime")]


def test_joins_continuations_and_keeps_the_first_line_number():
    stages, _ = parse_dockerfile(SAMPLE)
    run = stages[0].of("RUN")[0]
    assert run.args == "npm ci && npm run build"
    assert run.line == 5


def test_reads_env_in_both_forms():
    stages, _ = parse_dockerfile(SAMPLE)
    assert parse_env(stages[1].of("ENV")[0]) == {"A": "1", "B": "two words"}
    legacy, _ = parse_dockerfile("FROM x\nENV NAME some value\n")
    assert parse_env(legacy[0].of("ENV")[0]) == {"NAME": "some value"}


def test_reads_healthcheck_options_and_exec_command():
    stages, _ = parse_dockerfile(SAMPLE)
    options, command = healthcheck_command(stages[1].of("HEALTHCHECK")[0])
    assert options == {"interval": "30s", "timeout": "5s"}
    assert command == ["node", "-e", "1"]


def test_shell_form_cmd_is_rejected_with_its_line():
    stages, _ = parse_dockerfile("FROM x\nCMD node server.js\n")
    with pytest.raises(DockerfileError, match="line 2: CMD must use the JSON exec form"):
        stages[0].of("CMD")[0].exec_form()


def test_instruction_before_from_is_an_error():
    with pytest.raises(DockerfileError, match="line 1: RUN before the first FROM"):
        parse_dockerfile("RUN true\nFROM x\n")


def test_unterminated_continuation_is_an_error():
    with pytest.raises(DockerfileError, match="continuation never ends"):
        parse_dockerfile("FROM x\nRUN a \\\n")


def test_split_flags_separates_options_from_paths():
    assert split_flags("--from=build --chown=node:node /a ./b") == ({"from": "build", "chown": "node:node"}, ["/a", "./b"])
