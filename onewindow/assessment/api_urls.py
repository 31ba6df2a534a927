from django.urls import path

from onewindow.assessment import api

urlpatterns = [
    path("attendance/sign-in", api.AttendanceSignInApi.as_view(), name="attendance-sign-in"),
    path("attendance/sign-out", api.AttendanceSignOutApi.as_view(), name="attendance-sign-out"),
    path("attendance/today", api.AttendanceTodayApi.as_view(), name="attendance-today"),
    path("attendance/sheet", api.AttendanceSheetApi.as_view(), name="attendance-sheet"),
    path("attendance/hours/<id:site_id>", api.AttendanceHoursApi.as_view(), name="attendance-hours"),
    path("assessment/scores", api.ScoreListApi.as_view(), name="assessment-scores"),
    path("assessment/scores/<id:score_id>", api.ScoreDetailApi.as_view(), name="assessment-score"),
    path(
        "assessment/scores/<id:score_id>/records",
        api.ScoreRecordsApi.as_view(),
        name="assessment-score-records",
    ),
    path("assessment/runs", api.ScoreRunApi.as_view(), name="assessment-runs"),
    path("assessment/schemes/<id:site_id>", api.SchemeApi.as_view(), name="assessment-scheme"),
    path("assessment/awards", api.AwardListApi.as_view(), name="assessment-awards"),
    path("assessment/awards/public", api.PublicAwardsApi.as_view(), name="assessment-awards-public"),
    path("assessment/awards/publish", api.AwardPublishApi.as_view(), name="assessment-awards-publish"),
    path(
        "assessment/awards/<id:award_id>/revoke", api.AwardRevokeApi.as_view(), name="assessment-award-revoke"
    ),
    path("assessment/departments", api.DepartmentReportApi.as_view(), name="assessment-departments"),
]
