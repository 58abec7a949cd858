"""Nothing from outside content/ is published: links with .. steps, symbolic links, loops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clinic.rules.files import escape
from test_bad_input import complete

PAGE = "content/treatments/microneedling/benefits.md"
SECRET = "PEACH-ORCHARD-SECRET"


def test_paths_inside_are_fine_and_dot_dot_steps_are_not(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "a.jpg").write_bytes(b"x")
    assert escape(str(content), "images/a.jpg") is None
    assert escape(str(content), str(content / "images" / "a.jpg")) is None
    found = escape(str(content), "images/../../Makefile")
    assert found is not None and found.kind == "outside"


def test_links_are_judged_where_they_lead(tmp_path):
    content = tmp_path / "content"
    images = content / "images"
    images.mkdir(parents=True)
    (tmp_path / "outside.txt").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("x")
    (images / "inside.jpg").write_bytes(b"x")
    os.symlink(images / "inside.jpg", images / "alias.jpg")
    os.symlink(tmp_path / "outside.txt", images / "out.txt")
    os.symlink(tmp_path / "elsewhere", images / "shared")
    os.symlink("..", images / "up")
    os.symlink("self", images / "self")
    assert escape(str(content), "images/alias.jpg") is None
    assert escape(str(content), "images/out.txt").kind == "outside-file"
    found = escape(str(content), "images/shared/b.txt")
    assert (found.kind, found.where) == ("outside-folder", str(images / "shared"))
    found = escape(str(content), "images/up/images/up/images/inside.jpg")
    assert (found.kind, found.where) == ("loop", str(images / "up"))
    assert escape(str(content), "images/self").kind == "broken"
    assert str(escape(str(content), "images/self").problem("content/images/self", "content/")) == (
        "content/images/self: This link points at itself, at a chain of links that never "
        "ends, or at nothing, so it was not published. Remove the link, or copy the file it "
        "meant in its place."
    )


@pytest.mark.parametrize(
    "link",
    [
        "{attach}../../../../../../../../../../../../proc/self/environ",
        "{attach}../../../Makefile",
        "{static}../../../Makefile",
        "{filename}../../../Makefile",
        "{static}/../Makefile",
    ],
)
def test_a_page_link_out_of_content_publishes_nothing(project, link):
    project.file("Makefile").write_text(f"{SECRET}\n")
    project.edit(PAGE, "\n\n", f"\n\nSee [the file]({link}).\n\n")
    line = project.file(PAGE).read_text().splitlines().index(f"See [the file]({link}).") + 1
    message = (
        f"{PAGE}:{line}: The link to {link} leads outside content/, so that file is not "
        "published. Put the file in content/images/ and link to it from there, for example "
        "{static}/images/photo.jpg."
    )
    result = project.build()
    assert result.returncode == 0, result.output
    assert message in result.output
    assert not _published(result.out_dir, SECRET, "environ")
    complete(project)
    result = project.publish()
    assert result.returncode == 1, result.output
    assert message in result.output


def test_linked_files_and_folders_outside_content_are_not_copied(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "notes.txt").write_text(SECRET)
    (tmp_path / "secret.txt").write_text(SECRET)
    images = project.file("content/images")
    images.mkdir(exist_ok=True)
    (images / "photo.txt").write_text("a picture, honestly")
    os.symlink(tmp_path / "secret.txt", images / "passwd.txt")
    os.symlink(outside, images / "shared")
    project.edit(PAGE, "\n\n", "\n\n[notes]({static}/images/shared/notes.txt)\n\n")
    result = project.build()
    assert result.returncode == 0, result.output
    assert (
        "content/images/passwd.txt: This is a link to a file outside content/, so it was not "
        "published. Copy the file into content/ instead of linking to it."
    ) in result.output
    assert (
        "content/images/shared: This is a link to a folder outside content/, so nothing in it "
        "was published. Copy the files into content/ instead of linking to the folder."
    ) in result.output
    assert (result.out_dir / "images/photo.txt").is_file()
    assert not _published(result.out_dir, SECRET, "passwd.txt")
    complete(project)
    result = project.publish()
    assert result.returncode == 1, result.output
    assert "content/images/passwd.txt: This is a link to a file outside content/" in result.output
    assert not _published(result.out_dir, SECRET, "passwd.txt")


def test_a_link_loop_is_one_message(project):
    images = project.file("content/images")
    images.mkdir(exist_ok=True)
    (images / "photo.txt").write_text("a picture")
    os.symlink("..", images / "up")
    os.symlink("self", images / "self")
    result = project.build()
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    assert (
        result.output.count(
            "content/images/up: This link leads back to a folder that holds "
            "it (a loop), so nothing in it was published. Remove the "
            "link."
        )
        == 1
    )
    assert "content/images/self: This link points at itself" in result.output
    assert "same address" not in result.output
    copied = {p.name for p in (result.out_dir / "images").iterdir()}
    assert "photo.txt" in copied and not {"up", "self"} & copied


def _published(out_dir, secret: str, name: str) -> list[str]:
    """Output files that carry the secret, or have the name of the file it came from."""
    found = []
    for root, _, files in os.walk(out_dir):
        for file in files:
            path = os.path.join(root, file)
            if (
                file.split(".")[0] == name.split(".")[0]
                or secret.encode() in Path(path).read_bytes()
            ):
                found.append(path)
    return found


def test_a_markdown_page_linked_in_from_outside_is_left_out(project, tmp_path):
    (tmp_path / "notes.md").write_text(
        f"Title: Notes\nSummary: {SECRET} " + "x" * 60 + f"\n\n{SECRET}\n"
    )
    os.symlink(tmp_path / "notes.md", project.file("content/pages/notes.md"))
    result = project.build()
    assert result.returncode == 0, result.output
    assert (
        "content/pages/notes.md: This is a link to a file outside content/, so it was not "
        "published. Copy the file into content/ instead of linking to it."
    ) in result.output
    assert not result.page("/notes/").exists()
    assert not _published(result.out_dir, SECRET, "notes")


def test_a_theme_file_linked_from_outside_the_theme_is_not_published(project, tmp_path):
    (tmp_path / "secret.css").write_text(f"/* {SECRET} */")
    os.symlink(tmp_path / "secret.css", project.file("theme/static/css/extra.css"))
    result = project.build()
    assert result.returncode == 0, result.output
    assert (
        "theme/static/css/extra.css: This is a link to a file outside theme/, so it was not "
        "published. Copy the file into theme/ instead of linking to it."
    ) in result.output
    assert (result.out_dir / "theme").is_dir()
    assert not _published(result.out_dir, SECRET, "extra.css")
