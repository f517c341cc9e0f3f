"""The blind test half is frozen: its answers and verdicts never change after its grades are seen.

A rubric tuned until the test half agrees would make the published figure a tuning figure. Pinning
the file's hash turns any edit into a failing test that a reviewer has to look at.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

BLIND = Path(__file__).resolve().parent / "blind"
# waves 2 and 3: the free-text questions added after the first split, same rule and seed
TEST_HALF_2_SHA256 = "771f73510f95b0e400cc50eaa10e0a898d9fcfcf4217401f6ca4c5c3aaf436aa"
TEST_HALF_3_SHA256 = "0b460436999788c2f92784825bcdb4da70491c23ea5e68fe1f477de3a61320d8"
# wave 4: fresh answers for all 148 free-text questions, new writers and voices, split 2026-11-30 18:14 UTC
# wave 6: fresh answers, five more writers and voices (on-call SREs, people from Jenkins/Terraform/Puppet,
# non-native English, thinking aloud with self-corrections, phone typing), split 2026-11-30 20:25 UTC
# wave 7: fresh answers, five more writers and voices (tutorial-taught juniors and audit-minded platform
# engineers, operators answering with commands, answers by contrast and AWS/Azure mapping, mentors with
# numbered steps and hedging students, app developers and security engineers), split 2026-11-30 23:15 UTC
TEST_HALF_7_SHA256 = "1da827f2cf80b480343ebcbbb3d3fd927f3116dd048efeb17d3916fd90c7cd21"
# wave 8: fresh answers, five more writers and voices (non-native English and on-call SREs, analogies and
# data/ML platform engineers, over-explaining bootcamp graduates and Jenkins/Spinnaker veterans, tech leads
# and Helm-heavy engineers, clarify-first candidates and OpenShift/Rancher users), split 2026-12-01 01:55 UTC
TEST_HALF_8_SHA256 = "8556b12480a6dff33fe6b52d32a98ad1a1a679606e4465592abcfc2e5111b953"
# wave 9: fresh answers, five more writers and voices (on-call SREs and non-native English, Jenkins/Ansible/
# Puppet veterans and engineering managers, thinking aloud with self-corrections and phone typing, teachers
# with analogies and kubectl-minded admins, push-CD skeptics and data/ML platform engineers), written blind
# 2026-12-01 04:02-04:08, split 04:09 UTC
TEST_HALF_9_SHA256 = "a2ba310f3101e3fbadfb423d11dc1160b8230191adcb2290477c27d172180d52"
# wave 10: fresh answers, five more writers and voices (bank platform engineers and junior developers, consultants
# and OpenShift/Rancher users, terse staff engineers and whiteboard narrators, security engineers and casual startup
# engineers, web-scale SREs and certification students), written blind 2026-12-01 07:02-07:07, split 07:09 UTC
TEST_HALF_10_SHA256 = "2c2913a901f8c362d9c201e57f9fc87da1af44353143c085fcd7cb760f8eb080"
TEST_HALF_6_SHA256 = "146978aad274f0f0089d53847f9a588cfec14a6000080ac96f6c51147cecb4e4"
# wave 5: fresh answers again, five more writers and voices, split 2026-11-30 19:24 UTC
TEST_HALF_5_SHA256 = "d58a65c89a72896c3ae6d71ebb077899c339c616dd63707f8003b71a857014da"
TEST_HALF_4_SHA256 = "519cf0ae29c42952376b9d69c0ba5999a7df13de72ab8e8950adce12b487ea35"
TEST_HALF_SHA256 = "248f34b9f685bd321312c1e6d726828f88930b0a38c0fdb6642794625d2724e9"


def test_test_half_is_unchanged() -> None:
    digest = hashlib.sha256((BLIND / "test.yaml").read_bytes()).hexdigest()
    assert digest == TEST_HALF_SHA256
    digest_2 = hashlib.sha256((BLIND / "test-2.yaml").read_bytes()).hexdigest()
    assert digest_2 == TEST_HALF_2_SHA256
    digest_3 = hashlib.sha256((BLIND / "test-3.yaml").read_bytes()).hexdigest()
    assert digest_3 == TEST_HALF_3_SHA256
    digest_4 = hashlib.sha256((BLIND / "test-4.yaml").read_bytes()).hexdigest()
    assert digest_4 == TEST_HALF_4_SHA256
    digest_5 = hashlib.sha256((BLIND / "test-5.yaml").read_bytes()).hexdigest()
    assert digest_5 == TEST_HALF_5_SHA256
    digest_6 = hashlib.sha256((BLIND / "test-6.yaml").read_bytes()).hexdigest()
    assert digest_6 == TEST_HALF_6_SHA256
    digest_7 = hashlib.sha256((BLIND / "test-7.yaml").read_bytes()).hexdigest()
    assert digest_7 == TEST_HALF_7_SHA256
    digest_8 = hashlib.sha256((BLIND / "test-8.yaml").read_bytes()).hexdigest()
    assert digest_8 == TEST_HALF_8_SHA256
    digest_9 = hashlib.sha256((BLIND / "test-9.yaml").read_bytes()).hexdigest()
    assert digest_9 == TEST_HALF_9_SHA256
    digest_10 = hashlib.sha256((BLIND / "test-10.yaml").read_bytes()).hexdigest()
    assert digest_10 == TEST_HALF_10_SHA256


def test_halves_split_by_question_and_cover_every_kind() -> None:
    tuning = yaml.safe_load((BLIND / "tuning.yaml").read_text(encoding="utf-8"))["cases"]
    test = yaml.safe_load((BLIND / "test.yaml").read_text(encoding="utf-8"))["cases"]
    assert not set(tuning) & set(test)
    for half in (tuning, test):
        kinds = {answer["kind"] for answers in half.values() for answer in answers}
        assert kinds == {"paraphrase", "low-overlap", "terse", "partial", "wrong", "negated", "long"}
    assert sum(len(a) for a in tuning.values()) + sum(len(a) for a in test.values()) >= 800


@pytest.mark.parametrize("wave", [4, 5, 6, 7, 8, 9, 10])
def test_later_waves_split_by_question_and_cover_every_question_and_kind(wave: int) -> None:
    """Waves 4 and 5 answer every free-text question again, so each wave's halves cover all of them."""
    tuning = yaml.safe_load((BLIND / f"tuning-{wave}.yaml").read_text(encoding="utf-8"))["cases"]
    test = yaml.safe_load((BLIND / f"test-{wave}.yaml").read_text(encoding="utf-8"))["cases"]
    assert not set(tuning) & set(test)
    assert len(tuning) + len(test) >= 148
    for half in (tuning, test):
        kinds = {answer["kind"] for answers in half.values() for answer in answers}
        assert kinds == {"paraphrase", "low-overlap", "terse", "partial", "wrong", "negated", "long"}
