from django.urls import path

from onewindow.complaints import api

urlpatterns = [
    path("complaints/", api.ComplaintListApi.as_view(), name="complaint-list"),
    path("complaints/track", api.ComplaintTrackApi.as_view(), name="complaint-track"),
    path("complaints/rate", api.ComplaintRateApi.as_view(), name="complaint-rate"),
    path("complaints/review", api.ComplaintReviewApi.as_view(), name="complaint-review"),
    path("complaints/<id:complaint_id>", api.ComplaintDetailApi.as_view(), name="complaint"),
    path("complaints/<id:complaint_id>/accept", api.ComplaintAcceptApi.as_view(), name="complaint-accept"),
    path("complaints/<id:complaint_id>/decline", api.ComplaintDeclineApi.as_view(), name="complaint-decline"),
    path("complaints/<id:complaint_id>/assign", api.ComplaintAssignApi.as_view(), name="complaint-assign"),
    path("complaints/<id:complaint_id>/answer", api.ComplaintAnswerApi.as_view(), name="complaint-answer"),
    path(
        "complaints/<id:complaint_id>/review-decision",
        api.ComplaintReviewDecisionApi.as_view(),
        name="complaint-review-decision",
    ),
    path(
        "complaints/<id:complaint_id>/attachments/<id:attachment_id>",
        api.ComplaintAttachmentApi.as_view(),
        name="complaint-attachment",
    ),
]
