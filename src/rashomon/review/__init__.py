"""Analyst review: fold an event's review changes into its review state and lay the analyst's
corrections over the computed values (``apply``); the review queue (``queue``); users, roles
and token hashing (``users``).

It sits above ``store`` (it reads review changes through a session) and below ``ingest``
(the engine applies reviews to every event it saves, so corrections survive relinking).
"""

from rashomon.review.apply import apply_review, fold, review_events
from rashomon.review.queue import review_queue
from rashomon.review.users import Caller, add_user, authenticate, list_users, revoke_user

__all__ = ["Caller", "add_user", "apply_review", "authenticate", "fold", "list_users",
           "review_events", "review_queue", "revoke_user"]
