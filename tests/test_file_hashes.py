"""Files' hashes remembered by their stat: an ingest reads again only what changed, and a change
that leaves a file's size and modification time alone is still seen."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from edukg.ingest.file_hashes import FileHashes, stamp
from edukg.ingest.pipeline import ingest_paths

HOUR_NS = 3600 * 1_000_000_000
NEWS = {
    "a.txt": "东城区自2014年起推行集团化办学。",
    "b.txt": "西城区从2019年开始试行教师轮岗。",
}


def write_old_files(folder: Path, texts: dict[str, str]) -> list[Path]:
    """Files last modified an hour ago: not racily clean, so their hashes are remembered."""
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(time.time_ns() - HOUR_NS,) * 2)
        paths.append(path.resolve())
    return paths


def listed(paths: list[Path], store_path: Path) -> FileHashes:
    """The hashes as the next ingest listing these files would find them."""
    return FileHashes(store_path, {path: stamp(path.stat()) for path in paths}, time.time_ns())


def test_an_ingest_remembers_the_hashes_of_the_files_it_read_but_not_of_files_just_written(
    store, tmp_path
):
    old = write_old_files(tmp_path, NEWS)
    new = tmp_path / "c.txt"
    new.write_text("朝阳区2018年推进学区制管理。", encoding="utf-8")
    assert not ingest_paths(store, [tmp_path], workers=1).has_errors

    hashes = listed([*old, new.resolve()], store.file_hashes_path)
    for path in old:
        assert hashes.remembered(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert hashes.remembered(new.resolve()) is None  # modified just now: may change unseen


def test_a_remembered_hash_is_taken_without_reading_the_file_until_its_stat_changes(tmp_path):
    [path] = write_old_files(tmp_path, {"a.txt": NEWS["a.txt"]})
    store_path = tmp_path / "hashes.sqlite"
    first = listed([path], store_path)
    first.remember(path, "0" * 64)  # not the file's: shows the file was not read again
    first.save()
    assert listed([path], store_path).sha256(path) == "0" * 64

    path.write_text(NEWS["b.txt"], encoding="utf-8")
    assert listed([path], store_path).sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_change_that_keeps_the_size_and_the_modification_time_is_still_seen(store, tmp_path):
    [path, _] = write_old_files(tmp_path, NEWS)
    ingest_paths(store, [tmp_path], workers=1)
    before = path.stat()
    same_size = NEWS["a.txt"].replace("2014", "2016")
    path.write_text(same_size, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or rsync -t do
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    report = ingest_paths(store, [tmp_path], workers=1)
    assert (report.totals["documents_replaced"], report.unchanged) == (1, 1)
    [(year,)] = store.query(
        "MATCH (:Region {name: '东城区'})-[i:IMPLEMENTS]->(:Measure) RETURN i.year"
    ).rows
    assert year == 2016


def test_a_damaged_hashes_file_costs_a_rehash_not_a_wrong_answer(store, tmp_path):
    paths = write_old_files(tmp_path, NEWS)
    ingest_paths(store, [tmp_path], workers=1)
    store.file_hashes_path.write_bytes(b"not a database at all")

    report = ingest_paths(store, [tmp_path], workers=1)
    assert report.unchanged == 2 and not report.has_errors
    hashes = listed(paths, store.file_hashes_path)  # written anew
    assert hashes.remembered(paths[0]) == hashlib.sha256(paths[0].read_bytes()).hexdigest()


def test_the_hashes_of_files_gone_are_dropped_once_they_outnumber_the_files_listed(
    tmp_path, monkeypatch
):
    monkeypatch.setattr("edukg.ingest.file_hashes.STALE_ROWS_ALLOWED", 0)
    store_path = tmp_path / "hashes.sqlite"
    a, b, c = write_old_files(tmp_path, {"a.txt": "甲", "b.txt": "乙", "c.txt": "丙"})
    everything = listed([a, b, c], store_path)
    for path in (a, b, c):
        everything.sha256(path)
    everything.save()

    listed([a, b], store_path).save()  # 3 rows for 2 files listed: kept
    assert listed([c], store_path).remembered(c) is not None
    listed([a], store_path).save()  # 3 rows for 1 file listed: cut down to it
    assert listed([a, b, c], store_path).remembered(a) is not None
    assert listed([a, b, c], store_path).remembered(b) is None
