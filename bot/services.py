"""Everything a handler may use, built once by the composition root (bot.app)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.config import Settings
from bot.core.choices import Offer
from bot.core.clock import Clock
from bot.core.flood import SlidingWindowLimiter
from bot.core.i18n import Translator
from bot.core.masking import Masker
from bot.privacy.activity import ActivityLog
from bot.webinar.encoder import E5Encoder
from bot.webinar.question_desk import QuestionDesk
from storage.db import Database
from storage.feedback import FeedbackRepository
from storage.inbox import Inbox
from storage.inloop import InloopRepository
from storage.monitor import MonitorRepository
from storage.outbox import OutboxRepository
from storage.panels import PanelRepository
from storage.practice import PracticeRepository
from storage.privacy import PrivacyRepository
from storage.questions import QuestionRepository
from storage.replay import ReplayRepository
from storage.updates import UpdateLog
from storage.users import InviteRepository, UserRepository
from storage.webinars import WebinarRepository


@dataclass
class Repositories:
    users: UserRepository
    invites: InviteRepository
    webinars: WebinarRepository
    questions: QuestionRepository
    outbox: OutboxRepository
    updates: UpdateLog
    panels: PanelRepository
    feedback: FeedbackRepository
    inloop: InloopRepository
    privacy: PrivacyRepository
    inbox: Inbox
    replay: ReplayRepository
    monitor: MonitorRepository
    practice: PracticeRepository

    @classmethod
    def on(cls, db: Database) -> Repositories:
        return cls(
            users=UserRepository(db),
            invites=InviteRepository(db),
            webinars=WebinarRepository(db),
            questions=QuestionRepository(db),
            outbox=OutboxRepository(db),
            updates=UpdateLog(db),
            panels=PanelRepository(db),
            feedback=FeedbackRepository(db),
            inloop=InloopRepository(db),
            privacy=PrivacyRepository(db),
            inbox=Inbox(db),
            replay=ReplayRepository(db),
            monitor=MonitorRepository(db),
            practice=PracticeRepository(db),
        )


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: Database
    repos: Repositories
    t: Translator
    desk: QuestionDesk
    masker: Masker  # personal data out of parents' texts, before they are stored
    message_limit: SlidingWindowLimiter
    question_limit: SlidingWindowLimiter
    # Questions a parent sent before agreeing to the privacy notice, by user id, oldest
    # first (at most a few each); kept in memory only, because nothing may be stored
    # before consent. Queued, each quoted back, once the parent agrees.
    awaiting_consent: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    # The buttons each person was offered last (bot.core.choices), by user id; memory only.
    offers: dict[int, Offer] = field(default_factory=dict)
    # Who wrote to the bot since bot.privacy.retention last recorded it (ids only).
    activity: ActivityLog = field(default_factory=ActivityLog)

    @classmethod
    def build(cls, settings: Settings, clock: Clock, db: Database) -> Services:
        repos = Repositories.on(db)
        t = Translator(settings.default_language)
        masker = Masker.in_language(t, settings.default_language)
        return cls(
            settings=settings,
            clock=clock,
            db=db,
            repos=repos,
            t=t,
            desk=QuestionDesk(
                repos.questions,
                clock,
                masker,
                E5Encoder() if settings.webinars.suggest_with_encoder else None,
            ),
            masker=masker,
            message_limit=SlidingWindowLimiter(settings.limits.messages_per_minute, 60.0),
            question_limit=SlidingWindowLimiter(settings.limits.questions_per_minute, 60.0),
        )
