"""labkit.resources: shipped content from the checkout or the wheel, built worlds in the user's folder."""
from __future__ import annotations

from pathlib import Path

import pytest

import labkit
from labkit import resources
from labkit.errors import LabkitError
from labkit.world import loading

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(labkit.__file__).resolve().parent


def test_a_checkout_reads_its_own_folders() -> None:
    assert resources.content_root() == ROOT
    assert resources.cdnow_dir() == ROOT / "datasets" / "cdnow"
    assert (resources.cdnow_dir() / "cdnow_summary.csv").is_file()


@pytest.mark.parametrize("lang", ["zh_CN", "en_US", "ko_KR", None])
def test_every_language_has_lessons_masters_and_student_versions(lang: str | None) -> None:
    lessons = sorted(p.name for p in resources.lessons_dir(lang).glob("*.ipynb"))
    masters = sorted(p.name for p in resources.masters_dir(lang).glob("*.ipynb"))
    students = sorted(p.name for p in resources.student_exercises_dir(lang).glob("*.ipynb"))
    assert len(lessons) >= 6 and lessons[0].startswith("01_")
    assert "quiz.ipynb" in masters and students == masters


def test_an_unknown_language_is_one_sentence() -> None:
    with pytest.raises(LabkitError, match="unknown language 'fr_FR'"):
        resources.lessons_dir("fr_FR")


def test_labkit_home_moves_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.HOME_VARIABLE, str(tmp_path))
    assert resources.data_home() == tmp_path
    assert loading.world_dir("zh_CN") == tmp_path / "worlds" / "zh_CN"


def test_the_default_data_folder_is_the_users_not_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(resources.HOME_VARIABLE, raising=False)
    home = resources.data_home()
    assert home.name == "labkit" and home.is_absolute()
    assert not home.resolve().is_relative_to(PACKAGE.parent)
    assert str(Path.home()) in str(home)


def test_an_installed_package_reads_its_content_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "labkit"
    (package / resources.CONTENT_PACKAGE_DIR / "notebooks" / "zh_CN").mkdir(parents=True)
    monkeypatch.setattr(resources, "_package_dir", lambda: package)
    assert resources.content_root() == package / resources.CONTENT_PACKAGE_DIR
    assert resources.lessons_dir("zh_CN") == package / "_content" / "notebooks" / "zh_CN"


def test_a_package_without_content_says_reinstall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "_package_dir", lambda: tmp_path / "labkit")
    with pytest.raises(LabkitError, match="reinstall labkit"):
        resources.masters_dir()
