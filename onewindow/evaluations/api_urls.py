from django.urls import path

from onewindow.evaluations import api

urlpatterns = [
    path("evaluations/services", api.ServicePushApi.as_view(), name="evaluation-service-push"),
    path("evaluations/ratings/window", api.WindowRatingApi.as_view(), name="evaluation-rate-service"),
    path("evaluations/ratings/case", api.CaseRatingApi.as_view(), name="evaluation-rate-case"),
    path("evaluations/ratings/", api.RatingListApi.as_view(), name="evaluation-rating-list"),
    path(
        "evaluations/ratings/<id:rating_id>/appeal",
        api.AppealFileApi.as_view(),
        name="evaluation-appeal-file",
    ),
    path(
        "evaluations/appeals/<id:appeal_id>/decide",
        api.AppealDecideApi.as_view(),
        name="evaluation-appeal-decide",
    ),
    path(
        "evaluations/rectifications/",
        api.RectificationListApi.as_view(),
        name="evaluation-rectification-list",
    ),
    path(
        "evaluations/rectifications/<id:rectification_id>/submit",
        api.RectificationSubmitApi.as_view(),
        name="evaluation-rectification-submit",
    ),
    path(
        "evaluations/rectifications/<id:rectification_id>/visit",
        api.RectificationVisitApi.as_view(),
        name="evaluation-rectification-visit",
    ),
    path(
        "evaluations/rectifications/<id:rectification_id>/verify",
        api.RectificationVerifyApi.as_view(),
        name="evaluation-rectification-verify",
    ),
    path("evaluations/satisfaction", api.SatisfactionApi.as_view(), name="evaluation-satisfaction"),
]
