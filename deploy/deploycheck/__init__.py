"""Deployment checks that run without Docker or network: the Dockerfile replayed in a folder."""
from .dockerfile import DockerfileError, Instruction, Stage, healthcheck_command, parse_dockerfile, parse_env, split_flags
from .dockerignore import Pattern, build_context, is_excluded, parse_dockerignore
from .image import REPO, BuiltImage, build_image_folder
from .replay import Replay, StageResult, replay_dockerfile
from .server import HttpResult, RunningServer, free_port, http_request, image_env, start_server

__all__ = [
    "DockerfileError", "Instruction", "Stage", "healthcheck_command", "parse_dockerfile", "parse_env", "split_flags",
    "Pattern", "build_context", "is_excluded", "parse_dockerignore",
    "REPO", "BuiltImage", "build_image_folder",
    "Replay", "StageResult", "replay_dockerfile",
    "HttpResult", "RunningServer", "free_port", "http_request", "image_env", "start_server",
]
