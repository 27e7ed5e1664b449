"""The workspace: the folder holding talkkit.yaml and the talk library around it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from talkkit.errors import WorkspaceNotFound

CONFIG_NAME = "talkkit.yaml"


@dataclass(frozen=True)
class Workspace:
    """The folders of a workspace, all absolute."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Workspace:
        """The workspace holding `start` (default: the current folder), found as git finds a repository.

        Walks up from `start` to the first folder with a talkkit.yaml; raises
        WorkspaceNotFound when there is none up to the file system's root.
        """
        here = (start or Path.cwd()).resolve()
        if here.is_file():
            here = here.parent
        for folder in (here, *here.parents):
            if (folder / CONFIG_NAME).is_file():
                return cls(folder)
        raise WorkspaceNotFound(
            f"no {CONFIG_NAME} in {here} or any folder above it; "
            "run talkkit inside a workspace or give --workspace"
        )

    @classmethod
    def at(cls, root: Path) -> Workspace:
        """The workspace whose root is `root`; raises WorkspaceNotFound when it has no talkkit.yaml."""
        root = root.resolve()
        if not (root / CONFIG_NAME).is_file():
            raise WorkspaceNotFound(f"{root} is not a talkkit workspace: it has no {CONFIG_NAME}")
        return cls(root)

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def stories(self) -> Path:
        return self.content / "stories"

    @property
    def decks(self) -> Path:
        return self.root / "decks"

    @property
    def standard(self) -> Path:
        return self.decks / "standard"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    def contains(self, path: Path) -> bool:
        """Whether `path`, with links resolved, lies inside the workspace."""
        return path.resolve().is_relative_to(self.root)

    def outlines(self, folder: Path | None = None) -> list[Path]:
        """Every outline below `folder` (default: decks/), standard talks included, sorted."""
        folder = folder or self.decks
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.rglob("*.yaml") if p.is_file())

    def event_outlines(self) -> list[Path]:
        """The outlines of events: decks/*.yaml, without the standard talks."""
        if not self.decks.is_dir():
            return []
        return sorted(p for p in self.decks.glob("*.yaml") if p.is_file())

    def is_standard(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.standard.resolve())
