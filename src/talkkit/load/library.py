"""The content library: sources, stories, facts, actions and assets, read and cross-checked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from talkkit.diagnostics import Diagnostic, Location, did_you_mean, duplicate_ids, error
from talkkit.load.safe_yaml import load_yaml
from talkkit.load.validate import validate, validate_items
from talkkit.load.workspace import Workspace
from talkkit.models import Action, Asset, Config, Fact, Source, Story


@dataclass
class Library:
    """Everything a talk may quote or cite, by id, with the problems found reading it."""

    sources: dict[str, Source] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    assets: dict[str, Asset] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    """The file each part was read from: 'facts', 'actions', 'sources', 'assets', 'story:<id>'."""
    broken: set[str] = field(default_factory=set)
    """Parts that could not be read whole ('story:<id>', 'facts', ...), so a missing id is not unknown."""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def diagnostics_in(self, paths: Iterable[Path]) -> list[Diagnostic]:
        wanted = {p.resolve() for p in paths}
        return [d for d in self.diagnostics if d.location.path.resolve() in wanted]

    def story_path(self, story_id: str) -> Path | None:
        return self.files.get(f"story:{story_id}")


def load_library(workspace: Workspace, config: Config) -> Library:
    """Read the whole library of a workspace, collecting every problem instead of stopping at one."""
    library = Library()
    content = workspace.content
    lists = (
        ("sources", content / "sources.yaml", Source, library.sources, "sources"),
        ("facts", content / "facts.yaml", Fact, library.facts, "facts"),
        ("actions", content / "actions.yaml", Action, library.actions, "actions"),
        ("assets", workspace.assets / "assets.yaml", Asset, library.assets, "images"),
    )
    for name, path, model, into, what in lists:
        library.files[name] = path
        if not path.exists():
            library.diagnostics.append(
                error(
                    Location(path), "library-missing", f"the library has no {_rel(workspace, path)}"
                )
            )
            library.broken.add(name)
            continue
        loaded = load_yaml(path)
        library.diagnostics.extend(loaded.diagnostics)
        if loaded.data is None:
            library.broken.add(name)
            continue
        items, problems = validate_items(model, loaded.data, path, what=what)
        library.diagnostics.extend(problems)
        if problems:
            library.broken.add(name)
        _index(items, into, library.diagnostics, what=name)

    for path in sorted(workspace.stories.glob("*.yaml")) if workspace.stories.is_dir() else []:
        key = f"story:{path.stem}"
        library.files[key] = path
        loaded = load_yaml(path)
        library.diagnostics.extend(loaded.diagnostics)
        story, problems = (None, []) if loaded.data is None else validate(Story, loaded.data, path)
        library.diagnostics.extend(problems)
        if story is None:
            library.broken.add(key)
            continue
        if story.id != path.stem:
            library.diagnostics.append(
                error(
                    story.location("id") or Location(path, 1, 1),
                    "story-id-mismatch",
                    f"the story's id '{story.id}' differs from its file name '{path.name}'",
                    f"name the file {story.id}.yaml or set id: {path.stem}",
                )
            )
            library.broken.add(key)
            continue
        library.stories[story.id] = story

    library.diagnostics.extend(_cross_check(workspace, config, library))
    return library


def _rel(workspace: Workspace, path: Path) -> str:
    return (
        str(path.relative_to(workspace.root)) if path.is_relative_to(workspace.root) else str(path)
    )


def _index(items: list, into: dict, diagnostics: list[Diagnostic], *, what: str) -> None:
    diagnostics.extend(
        duplicate_ids(
            items,
            into,
            lambda id_, first: (
                f"{what} id '{id_}' is used twice; the first is on line {first.line}"
            ),
            "give each entry its own id",
        )
    )


def _cross_check(workspace: Workspace, config: Config, library: Library) -> list[Diagnostic]:
    """References inside the library: sources, narrators, audiences, links and image files."""
    found: list[Diagnostic] = []

    def source_ref(node, source_id: str | None) -> None:
        if source_id and source_id not in library.sources and "sources" not in library.broken:
            found.append(
                error(
                    node.location("source"),
                    "unknown-source",
                    f"no source '{source_id}' in content/sources.yaml",
                    did_you_mean(source_id, library.sources, what="sources"),
                )
            )

    for story in library.stories.values():
        source_ref(story, story.source)
        narrators = {n.id for n in story.narrators}
        _unique_ids(story.narrators, "narrator", found)
        _unique_ids(story.excerpts, "excerpt", found)
        for excerpt in story.excerpts:
            if excerpt.narrator is not None and excerpt.narrator not in narrators:
                found.append(
                    error(
                        excerpt.location("narrator"),
                        "unknown-narrator",
                        f"no narrator '{excerpt.narrator}' in this story",
                        did_you_mean(excerpt.narrator, narrators, what="narrators"),
                    )
                )
            if excerpt.audience not in config.audiences:
                found.append(_unknown_audience(excerpt, excerpt.audience, config))
    for fact in library.facts.values():
        source_ref(fact, fact.source)
        if fact.as_of == "undated" and not fact.as_of_note:
            found.append(
                error(
                    fact.location("as_of"),
                    "missing-field",
                    "an undated fact needs an 'as_of_note' saying what the source says of its date",
                )
            )
    for action in library.actions.values():
        source_ref(action, action.source)
        if action.link not in config.links:
            found.append(
                error(
                    action.location("link"),
                    "unknown-link",
                    f"no link '{action.link}' in talkkit.yaml",
                    did_you_mean(action.link, config.links, what="links"),
                )
            )
    for asset in library.assets.values():
        path = (workspace.assets / asset.file).resolve()
        if not path.is_relative_to(workspace.assets.resolve()):
            found.append(
                error(
                    asset.location("file"),
                    "asset-outside",
                    f"'{asset.file}' is outside assets/; images must be kept in the workspace's assets/",
                )
            )
        elif not path.is_file():
            found.append(
                error(
                    asset.location("file"),
                    "asset-missing",
                    f"no file assets/{asset.file}",
                    "put the image in assets/ or correct the file name",
                )
            )
    return found


def _unique_ids(items, what: str, found: list[Diagnostic]) -> None:
    found.extend(
        duplicate_ids(
            items,
            {},
            lambda id_, first: (
                f"{what} id '{id_}' is used twice in this story; the first is on line {first.line}"
            ),
        )
    )


def _unknown_audience(node, audience: str, config: Config) -> Diagnostic:
    return error(
        node.location("audience"),
        "unknown-audience",
        f"no audience '{audience}' in talkkit.yaml",
        did_you_mean(audience, config.audiences, what="audiences"),
    )
