"""The committed docs agree with the artifacts, the API and their page budgets (what `make test-docs` is for)."""
from tools import paths
from tools.check_api import live_example_problems, snapshot_problems
from tools.check_content import (broken_links, digit_sentence_starts, french_typography_problems, missing_key_figures, missing_repo_paths,
                                 stale_files, talk_timing_problems,
                                 unknown_mentions, word_budget_problems)
from tools.check_pdf import measured_section_problems, pdf_problems

DOCS, ART = paths.DOCS_DIR, paths.ARTIFACTS_DIR


def test_generated_files_match_a_fresh_rendering_of_the_artifacts():
    assert stale_files(DOCS, ART) == []


def test_key_figures_of_metrics_json_appear_in_every_document():
    assert missing_key_figures(DOCS, ART) == []


def test_every_auc_threshold_and_cost_mentioned_comes_from_the_artifacts():
    assert unknown_mentions(DOCS, ART) == []


def test_sections_keep_to_their_word_budget():
    assert word_budget_problems(DOCS) == []


def test_pdfs_are_current_and_within_their_page_budgets():
    assert pdf_problems(DOCS) == []


def test_each_note_section_prints_within_its_page_budget():
    assert measured_section_problems(DOCS) == []


def test_local_links_resolve():
    assert broken_links(DOCS) == []


def test_architecture_paths_exist():
    assert missing_repo_paths(DOCS) == []


def test_openapi_snapshot_is_what_the_backend_serves():
    assert snapshot_problems(DOCS) == []


def test_every_curl_example_of_api_md_succeeds_against_the_api():
    assert live_example_problems(DOCS) == []


def test_french_documents_use_narrow_no_break_spaces():
    assert french_typography_problems(DOCS) == []


def test_the_talk_keeps_to_its_time():
    assert talk_timing_problems(DOCS) == []


def test_no_sentence_starts_with_a_digit():
    assert digit_sentence_starts(DOCS) == []
