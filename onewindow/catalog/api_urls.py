from django.urls import path

from onewindow.catalog import api

urlpatterns = [
    path("items/", api.ItemListApi.as_view(), name="api-item-list"),
    path("items/create", api.ItemCreateApi.as_view(), name="api-item-create"),
    path("items/<str:code>", api.ItemDetailApi.as_view(), name="api-item-detail"),
    path("items/<str:code>/versions", api.ItemVersionsApi.as_view(), name="api-item-versions"),
    path("items/<str:code>/versions/<id:number>", api.ItemVersionApi.as_view(), name="api-item-version"),
    path("items/<str:code>/draft", api.ItemDraftApi.as_view(), name="api-item-draft"),
    path("items/<str:code>/submit", api.ItemSubmitApi.as_view(), name="api-item-submit"),
    path("items/<str:code>/approve", api.ItemApproveApi.as_view(), name="api-item-approve"),
    path("items/<str:code>/return", api.ItemReturnApi.as_view(), name="api-item-return"),
    path("items/<str:code>/discard", api.ItemDiscardApi.as_view(), name="api-item-discard"),
    path("items/<str:code>/withdraw", api.ItemWithdrawApi.as_view(), name="api-item-withdraw"),
]
