"""The shipped pack's name, in a module of its own: Home's figures need it on the way to Home's
first frame, where importing the models for it cost ~14 ms of building their dataclasses."""

SHIPPED_PACK = "core"
