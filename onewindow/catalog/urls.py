from django.urls import path

from onewindow.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.item_list, name="item-list"),
    path("new/", views.item_create, name="item-create"),
    path("review/", views.review_queue, name="review-queue"),
    path("export.xlsx", views.catalog_export, name="export"),
    path("import/", views.catalog_import, name="import"),
    path("<str:code>/", views.item_detail, name="item-detail"),
    path("<str:code>/draft/", views.draft_edit, name="draft-edit"),
    path("<str:code>/draft/open/", views.draft_open, name="draft-open"),
    path("<str:code>/draft/<str:command>/", views.draft_command, name="draft-command"),
    path("<str:code>/review/", views.version_review, name="version-review"),
    path("<str:code>/withdraw/", views.item_withdraw, name="item-withdraw"),
    path("<str:code>/compare/", views.version_compare, name="version-compare"),
    path("<str:code>/versions/<id:number>/", views.version_detail, name="version-detail"),
]
