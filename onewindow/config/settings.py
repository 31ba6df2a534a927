"""OneWindow settings: one module, every value from the environment (see config/env.py, .env.example)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from onewindow.config.env import BASE_DIR, VAR_DIR, env_bool, env_int, env_list, env_str

DEBUG = env_bool("ONEWINDOW_DEBUG", default=False)
# The development key only works while DEBUG is on; production must set its own.
SECRET_KEY = env_str("ONEWINDOW_SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ONEWINDOW_SECRET_KEY must be set when ONEWINDOW_DEBUG is off.")
ALLOWED_HOSTS = env_list("ONEWINDOW_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("ONEWINDOW_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # First, so `runserver` (make run) is Daphne's ASGI server: the hall displays' WebSockets.
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "channels",
    "axes",
    "onewindow.common",
    "onewindow.accounts",
    "onewindow.workcalendar",
    "onewindow.org",
    "onewindow.catalog",
    "onewindow.cases",
    "onewindow.notifications",
    "onewindow.fees",
    "onewindow.supervision",
    "onewindow.evaluations",
    "onewindow.complaints",
    "onewindow.queueing",
    "onewindow.stats",
    "onewindow.screen",
    "onewindow.assessment",
    "onewindow.portal",
    "onewindow.desk",
    "onewindow.office",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view: query and path parameters checked (lazy user: the 400 page knows who asks).
    "onewindow.common.middleware.InputGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "onewindow.common.middleware.SecurityHeadersMiddleware",
    # Axes must be last: it turns a locked-out login into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "onewindow.config.urls"
WSGI_APPLICATION = "onewindow.config.wsgi.application"
ASGI_APPLICATION = "onewindow.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "onewindow" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onewindow.common.context_processors.onewindow",
            ],
        },
    }
]

# --- Database: SQLite under var/ by default, PostgreSQL in production (DATABASE_URL) ---------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'onewindow.sqlite3'}"),
        # Persistent connections: opening a PostgreSQL connection costs more than a whole intake.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default needs no setup: its folder is made on first use (a fresh clone has none).
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers go on while one clerk writes; IMMEDIATE takes the write lock up front
    # so two writers queue instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A streaming read replica of the PostgreSQL primary (optional, docs/adr/0015): the statistics and
# the public figures read from it (common.dbrouter.reading_replica); everything else, and every
# write, goes to the primary. Unreachable, or more than ONEWINDOW_REPLICA_MAX_LAG_SECONDS behind,
# and those reads go back to the primary (checked at most every ONEWINDOW_REPLICA_RECHECK_SECONDS).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    if {DATABASES["default"]["ENGINE"], DATABASES["replica"]["ENGINE"]} != {"django.db.backends.postgresql"}:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL is a PostgreSQL replica of a PostgreSQL DATABASE_URL."
        )
    # A replica that does not answer costs a request this long once per recheck window, not a hang.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_REPLICA_CONNECT_TIMEOUT", 2)
    )
    DATABASE_ROUTERS = ["onewindow.common.dbrouter.ReplicaRouter"]
ONEWINDOW_REPLICA_READS = env_bool("ONEWINDOW_REPLICA_READS", default=True)
ONEWINDOW_REPLICA_MAX_LAG_SECONDS = env_int("ONEWINDOW_REPLICA_MAX_LAG_SECONDS", 30)
ONEWINDOW_REPLICA_RECHECK_SECONDS = env_int("ONEWINDOW_REPLICA_RECHECK_SECONDS", 5)
if env_bool("ONEWINDOW_PGBOUNCER", default=False):
    # Behind PgBouncer in transaction pooling mode a session is not the server's: no server-side
    # cursors (iterator() would lose its cursor between transactions) and no prepared statements.
    for alias in DATABASES:
        if DATABASES[alias]["ENGINE"] == "django.db.backends.postgresql":
            DATABASES[alias]["DISABLE_SERVER_SIDE_CURSORS"] = True
            DATABASES[alias].setdefault("OPTIONS", {})["prepare_threshold"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Cache: per-process memory by default, Redis when several processes serve the hall ------
CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "onewindow"}
    )
}

# --- Live pushes (hall displays): Redis when several processes serve the hall -------------
# The in-memory layer reaches only the process it lives in: right for `make run` (one process),
# wrong for gunicorn + Daphne, where CHANNEL_LAYER_URL must name the Redis server.
ASGI_APPLICATION = "onewindow.config.asgi.application"
CHANNEL_LAYER_URL = env_str("CHANNEL_LAYER_URL", "")
CHANNEL_LAYERS = {
    "default": (
        {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [CHANNEL_LAYER_URL]}}
        if CHANNEL_LAYER_URL
        else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    )
}
# Where the displays open their WebSocket: empty for the page's own host and port (make run, or a
# reverse proxy sending /ws/ to Daphne); a port number when Daphne listens beside gunicorn
# (make serve sets it).
ONEWINDOW_WS_PORT = env_str("ONEWINDOW_WS_PORT", "")

# --- Authentication and security ----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:home"

AXES_FAILURE_LIMIT = env_int("ONEWINDOW_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ONEWINDOW_LOGIN_COOLOFF_MINUTES", 30))
# Lock per account, not per address: a hall's clerks share one office NAT address, and locking
# the address would lock the whole hall out because of one clerk's typos (docs/adr/0003).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("ONEWINDOW_AXES_ENABLED", default=True)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("ONEWINDOW_SESSION_HOURS", 10) * 3600
HTTPS = env_bool("ONEWINDOW_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# Every script, style and font is served by the hall's own server (closed government networks).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)

# --- Language and time: Chinese first, English through Django i18n ----------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "onewindow" / "locale"]
FORMAT_MODULE_PATH = ["onewindow.formats"]
TIME_ZONE = env_str("ONEWINDOW_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "onewindow" / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
# Blank forms, samples and result samples uploaded to the catalog (megabytes per file).
ONEWINDOW_UPLOAD_MAX_MB = env_int("ONEWINDOW_UPLOAD_MAX_MB", 10)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A font with Chinese glyphs for generated PDFs (TrueType/OpenType, .ttc allowed). Empty: look in
# the usual system places (fonts-noto-cjk, WenQuanYi, Windows and macOS fonts).
ONEWINDOW_PDF_FONT = env_str("ONEWINDOW_PDF_FONT", "")
# Seconds without a touch before the hall's kiosk returns to its home page.
ONEWINDOW_KIOSK_IDLE_SECONDS = env_int("ONEWINDOW_KIOSK_IDLE_SECONDS", 90)
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "onewindow.accounts.authentication.RecentTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "onewindow.common.api.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "onewindow.common.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OneWindow API (一窗通办)",
    "DESCRIPTION": "Every action of the service hall as an API call. Token or session authentication.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Ids in paths (common.converters.IdConverter): positive 64-bit integers.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 999999999999999999}},
    "ENUM_NAME_OVERRIDES": {
        "SiteKindEnum": "onewindow.org.models.Site.Kind",
        "AssessmentSubjectKindEnum": "onewindow.assessment.models.SubjectKind",
        "AssessmentIndicatorEnum": "onewindow.assessment.models.Indicator",
        "AssessmentAwardKindEnum": "onewindow.assessment.models.Award.Kind",
        "AssessmentAwardStatusEnum": "onewindow.assessment.models.Award.Status",
        "AssessmentRecordKindEnum": "onewindow.assessment.api.RECORD_KINDS",
        "SupervisionOrderKindEnum": "onewindow.supervision.models.Order.Kind",
        "SupervisionOrderStatusEnum": "onewindow.supervision.models.Order.Status",
        "SupervisionRecordStatusEnum": "onewindow.supervision.models.Record.Status",
        "FindingKindEnum": "onewindow.supervision.models.Finding.Kind",
        "FindingAppealEnum": "onewindow.supervision.models.Finding.Appeal",
        "PushEventKindEnum": "onewindow.supervision.models.PushEvent.Kind",
        "PushEventStatusEnum": "onewindow.supervision.models.PushEvent.Status",
        "RatingLevelEnum": "onewindow.evaluations.models.Level",
        "RatingChannelEnum": "onewindow.evaluations.models.Channel",
        "RatingServiceStatusEnum": "onewindow.evaluations.models.Service.Status",
        "RectificationStatusEnum": "onewindow.evaluations.models.Rectification.Status",
        "RectificationVisitMethodEnum": "onewindow.evaluations.models.Rectification.VisitMethod",
        "RectificationVisitAnswerEnum": "onewindow.evaluations.models.Rectification.Answer",
        "RatingAppealStatusEnum": "onewindow.evaluations.models.Appeal.Status",
        "RatingAppealGroundEnum": "onewindow.evaluations.models.Appeal.Ground",
        "ComplaintStatusEnum": "onewindow.complaints.models.Status",
        "ComplaintChannelEnum": "onewindow.complaints.models.Channel",
        "ComplaintResultEnum": "onewindow.complaints.models.Result",
        "ComplaintRatingEnum": "onewindow.complaints.models.Rating",
        "ComplaintReviewOutcomeEnum": "onewindow.complaints.models.ReviewOutcome",
        "ComplaintEventActionEnum": "onewindow.complaints.models.ComplaintEvent.Action",
        "WindowKindEnum": "onewindow.org.models.Window.Kind",
        "CalendarDayKindEnum": "onewindow.workcalendar.models.CalendarDay.Kind",
        "RoleEnum": "onewindow.org.models.Role",
        "FeeKindEnum": "onewindow.catalog.models.FeeItem.Kind",
        "MaterialSourceEnum": "onewindow.catalog.models.Material.Source",
        "LimitUnitEnum": "onewindow.catalog.models.LimitUnit",
        "CaseStatusEnum": "onewindow.cases.models.CaseStatus",
        "VersionStatusEnum": "onewindow.catalog.models.ItemVersion.Status",
        "CaseChannelEnum": "onewindow.cases.models.Channel",
        "StepKindEnum": "onewindow.catalog.models.StepKind",
        "TaskKindEnum": "onewindow.cases.models.Task.Kind",
        "TaskStatusEnum": "onewindow.cases.models.Task.Status",
        "VerdictEnum": "onewindow.cases.models.Task.Verdict",
        "SuspensionKindEnum": "onewindow.cases.models.Suspension.Kind",
        "ExtensionStatusEnum": "onewindow.cases.models.Extension.Status",
        "DeliveryMethodEnum": "onewindow.cases.models.Delivery.Method",
        "CaseMaterialStateEnum": "onewindow.cases.models.CaseMaterial.State",
        "NoticeKindEnum": "onewindow.cases.models.Notice.Kind",
    },
}

# --- Background work: eager in one process by default, Redis-backed workers in production --
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    "cases-accept-overdue": {
        "task": "cases.accept_overdue",
        "schedule": timedelta(hours=1),
        "options": {"expires": 1800},
    },
    "fees-forget-nonces": {
        "task": "fees.forget_nonces",
        "schedule": timedelta(hours=6),
        "options": {"expires": 3600},
    },
    "cases-settle-opinions": {
        "task": "cases.settle_opinions",
        "schedule": timedelta(hours=1),
        "options": {"expires": 1800},
    },
    "supervision-push-deliver": {
        "task": "supervision.push_deliver",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 50},
    },
    "supervision-sweep": {
        "task": "supervision.sweep",
        "schedule": timedelta(minutes=10),
        "options": {"expires": 540},
    },
    "queueing-wait-alerts": {
        "task": "queueing.wait_alerts",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 50},
    },
    "queueing-no-shows": {
        "task": "queueing.no_shows",
        "schedule": timedelta(minutes=15),
        "options": {"expires": 600},
    },
    "evaluations-daily": {
        "task": "evaluations.daily",
        "schedule": timedelta(hours=1),
        "options": {"expires": 1800},
    },
    "stats-rollup": {
        "task": "stats.rollup",
        "schedule": timedelta(minutes=5),
        "options": {"expires": 240},
    },
    "stats-rollup-recheck": {
        "task": "stats.rollup_recheck",
        "schedule": crontab(hour=1, minute=0),
        "options": {"expires": 3600},
    },
    "stats-reports": {
        "task": "stats.reports",
        "schedule": crontab(hour=1, minute=30),
        "options": {"expires": 3600},
    },
    # The month's assessment, on the 1st for the month before (assessment.services.scores_compute).
    "assessment-monthly": {
        "task": "assessment.monthly",
        "schedule": crontab(day_of_month="1", hour=2, minute=0),
        "options": {"expires": 6 * 3600},
    },
    "notifications-outbox-send-email": {
        "task": "notifications.outbox_send_email",
        "schedule": timedelta(minutes=5),
        "options": {"expires": 240},
    },
    "portal-staged-uploads-purge": {
        "task": "portal.staged_uploads_purge",
        "schedule": timedelta(hours=24),
        "options": {"expires": 3600},
    },
    "duty-roster-next-working-day": {
        "task": "org.duty_roster_prepare_next_working_day",
        "schedule": timedelta(hours=24),
        "options": {"expires": 3600},
    },
}

# --- OneWindow domain settings -----------------------------------------------------------------
# A stopped clock for training and screenshots (development only): an ISO date-time in the hall's
# time zone, e.g. 2026-11-17T10:00. Ignored unless ONEWINDOW_DEBUG is on.
if DEBUG and env_str("ONEWINDOW_FROZEN_NOW", ""):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    ONEWINDOW_FROZEN_NOW = datetime.fromisoformat(env_str("ONEWINDOW_FROZEN_NOW")).replace(
        tzinfo=ZoneInfo(TIME_ZONE)
    )
ONEWINDOW_CENTER_NAME = env_str("ONEWINDOW_CENTER_NAME", "")
# The address notices' QR codes point to (the public portal), e.g. https://zwfw.example.gov.cn.
# Empty: the address the page was requested at.
ONEWINDOW_PUBLIC_URL = env_str("ONEWINDOW_PUBLIC_URL", "").rstrip("/")
# The center's seal (a PNG with a transparent background) stamped on notices. Empty: a drawn seal
# with the center's name.
ONEWINDOW_SEAL_IMAGE = env_str("ONEWINDOW_SEAL_IMAGE", "")
# Progress-page lookups that find nothing, per client address and hour, before it answers 429.
ONEWINDOW_PROGRESS_FAILURES_PER_HOUR = env_int("ONEWINDOW_PROGRESS_FAILURES_PER_HOUR", 20)
# Traffic lights: a clock turns yellow when fewer than this many working days are left after
# today (1: yellow on the last day), red once overdue.
ONEWINDOW_WARNING_WORKING_DAYS = env_int("ONEWINDOW_WARNING_WORKING_DAYS", 1)
# How long a server process trusts the working calendar it holds before asking the database
# whether it changed (seconds). A calendar published in one process reaches the others within
# this; the process that wrote it sees the change at once.
ONEWINDOW_CALENDAR_RECHECK_SECONDS = env_int("ONEWINDOW_CALENDAR_RECHECK_SECONDS", 5)
# How long a server process reuses what it read of a user's staff record and roles, and of an API
# token (seconds). A role given or withdrawn, or a token revoked, counts at once in the process
# that saved it, in the others within this.
ONEWINDOW_ACCESS_RECHECK_SECONDS = env_int("ONEWINDOW_ACCESS_RECHECK_SECONDS", 5)
# How long a server process trusts the catalog revision (and the item versions in force it read
# at that revision) before asking again (seconds). A publication counts at once in the process
# that made it, in the others within this.
ONEWINDOW_CATALOG_RECHECK_SECONDS = env_int("ONEWINDOW_CATALOG_RECHECK_SECONDS", 5)
# The efficiency supervision center (效能监督中心) that receives every red case, supervision record
# and order as a signed JSON event (supervision/push.py). Without a URL or a secret the events wait
# in the log (/office/supervision/push/). A failed delivery is retried with back-off up to
# ONEWINDOW_PUSH_MAX_ATTEMPTS times, then stops (re-sendable by the office).
ONEWINDOW_EFFICIENCY_CENTER_URL = env_str("ONEWINDOW_EFFICIENCY_CENTER_URL", "")
ONEWINDOW_EFFICIENCY_CENTER_SECRET = env_str("ONEWINDOW_EFFICIENCY_CENTER_SECRET", "")
ONEWINDOW_EFFICIENCY_CENTER_TIMEOUT = env_int("ONEWINDOW_EFFICIENCY_CENTER_TIMEOUT", 10)
ONEWINDOW_PUSH_MAX_ATTEMPTS = env_int("ONEWINDOW_PUSH_MAX_ATTEMPTS", 8)
# 好差评 (evaluations): a finished case not rated online within this many days counts as 基本满意,
# marked as defaulted (0 turns the default off, as provinces without the rule do); a bad review's
# rectification is due in this many working days (5 or 15 by province); the window tablet asks
# for a rating this many minutes after the clerk ends the service; the public rating and
# complaint forms accept this many submissions per client address and hour.
ONEWINDOW_RATING_DEFAULT_DAYS = env_int("ONEWINDOW_RATING_DEFAULT_DAYS", 7)
ONEWINDOW_RECTIFICATION_DAYS = env_int("ONEWINDOW_RECTIFICATION_DAYS", 5)
ONEWINDOW_RATING_TABLET_MINUTES = env_int("ONEWINDOW_RATING_TABLET_MINUTES", 10)
ONEWINDOW_RATINGS_PER_HOUR = env_int("ONEWINDOW_RATINGS_PER_HOUR", 20)
# Complaints (GB/T 36113): working days to accept or decline a complaint after it is registered,
# the longest answer deadline after acceptance (the accepter may promise fewer), and the days the
# center office has to decide a review; complaints one client address may file through the public
# form and API per hour (429 beyond).
ONEWINDOW_COMPLAINT_ACCEPT_DAYS = env_int("ONEWINDOW_COMPLAINT_ACCEPT_DAYS", 5)
ONEWINDOW_COMPLAINT_ANSWER_DAYS = env_int("ONEWINDOW_COMPLAINT_ANSWER_DAYS", 15)
ONEWINDOW_COMPLAINT_REVIEW_DAYS = env_int("ONEWINDOW_COMPLAINT_REVIEW_DAYS", 5)
ONEWINDOW_COMPLAINTS_PER_HOUR = env_int("ONEWINDOW_COMPLAINTS_PER_HOUR", 5)
# The hall queue (排队叫号): appointments up to this many working days ahead, in slots of this many
# minutes within the hall's hours (HH:MM-HH:MM, comma-separated periods); check-in at the kiosk
# from this many minutes before the slot to this many after its start; a person with this many
# no-shows within the last 30 days may not book for this many days; a skipped ticket goes back
# into the queue once, behind this many tickets; a ticket waiting longer than this many minutes
# alerts the center office (the floor); people this old or older are served first (ID card).
# Priority groups (comma-separated): ELDERLY, PREGNANT, DISABLED, SERVICEMAN, GREEN_CHANNEL.
ONEWINDOW_QUEUE_HOURS = env_str("ONEWINDOW_QUEUE_HOURS", "09:00-12:00,13:30-17:30")
ONEWINDOW_QUEUE_APPOINTMENT_DAYS = env_int("ONEWINDOW_QUEUE_APPOINTMENT_DAYS", 3)
ONEWINDOW_QUEUE_SLOT_MINUTES = env_int("ONEWINDOW_QUEUE_SLOT_MINUTES", 30)
ONEWINDOW_QUEUE_CHECK_IN_EARLY_MINUTES = env_int("ONEWINDOW_QUEUE_CHECK_IN_EARLY_MINUTES", 30)
ONEWINDOW_QUEUE_CHECK_IN_LATE_MINUTES = env_int("ONEWINDOW_QUEUE_CHECK_IN_LATE_MINUTES", 15)
ONEWINDOW_QUEUE_NO_SHOW_LIMIT = env_int("ONEWINDOW_QUEUE_NO_SHOW_LIMIT", 3)
ONEWINDOW_QUEUE_NO_SHOW_BAN_DAYS = env_int("ONEWINDOW_QUEUE_NO_SHOW_BAN_DAYS", 30)
ONEWINDOW_QUEUE_SKIP_BEHIND = env_int("ONEWINDOW_QUEUE_SKIP_BEHIND", 3)
ONEWINDOW_QUEUE_WAIT_ALERT_MINUTES = env_int("ONEWINDOW_QUEUE_WAIT_ALERT_MINUTES", 30)
ONEWINDOW_QUEUE_PRIORITY_AGE = env_int("ONEWINDOW_QUEUE_PRIORITY_AGE", 60)

# Statistics (issue #19, docs/adr/0015): each run of the roll-up also rebuilds this many days
# before the last one it finished (a case corrected the day after still counts right).
ONEWINDOW_STATS_RECHECK_DAYS = env_int("ONEWINDOW_STATS_RECHECK_DAYS", 1)
#: The nightly run rebuilds this many days whole: follow-up ratings, upheld appeals and late refunds
#: change days gone by (docs/adr/0015).
ONEWINDOW_STATS_NIGHTLY_DAYS = env_int("ONEWINDOW_STATS_NIGHTLY_DAYS", 35)
ONEWINDOW_QUEUE_PRIORITY_GROUPS = env_str(
    "ONEWINDOW_QUEUE_PRIORITY_GROUPS", "ELDERLY,PREGNANT,DISABLED,SERVICEMAN,GREEN_CHANNEL"
)
# The hall's big screen (/screen/<site code>/, docs/adr/0018): it re-reads its figures this often
# (seconds); the figures of a site are computed at most once in this many seconds (the cache);
# raising the key version unpairs every screen at once (each TV needs its new link).
ONEWINDOW_SCREEN_REFRESH_SECONDS = env_int("ONEWINDOW_SCREEN_REFRESH_SECONDS", 30)
ONEWINDOW_SCREEN_CACHE_SECONDS = env_int("ONEWINDOW_SCREEN_CACHE_SECONDS", 10)
ONEWINDOW_SCREEN_KEY_VERSION = env_int("ONEWINDOW_SCREEN_KEY_VERSION", 1)
# Signed bank calls (fees.signing): how far a request's timestamp may be from our clock, in
# seconds. Older requests are refused as stale; nonces are kept a day to refuse replays.
ONEWINDOW_BANK_SIGNATURE_TOLERANCE = env_int("ONEWINDOW_BANK_SIGNATURE_TOLERANCE", 300)
# Where the client's address is, for counting failed lookups: behind a reverse proxy set it to the
# header the proxy writes (e.g. HTTP_X_REAL_IP), or everyone shares the proxy's address.
RATELIMIT_IP_META_KEY = env_str("ONEWINDOW_CLIENT_IP_HEADER", "REMOTE_ADDR")
# E-mail: sent through SMTP when a host is set; otherwise notifications wait in the outbox.
EMAIL_HOST = env_str("ONEWINDOW_EMAIL_HOST", "")
EMAIL_PORT = env_int("ONEWINDOW_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("ONEWINDOW_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("ONEWINDOW_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ONEWINDOW_EMAIL_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("ONEWINDOW_EMAIL_FROM", "noreply@localhost")
ONEWINDOW_SEND_EMAIL = bool(EMAIL_HOST)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ONEWINDOW_LOG_LEVEL", "INFO")},
    # fontTools logs every glyph it subsets when a PDF embeds a font.
    "loggers": {"axes": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
