from django.urls import path

from . import views

app_name = "economy"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<slug:slug>/", views.CollaborationEconomyView.as_view(), name="collaboration"),
    path("<slug:slug>/nyt-aar/", views.YearEditView.as_view(), name="year_create"),
    path("<slug:slug>/skiftes/", views.LedgerView.as_view(), name="ledger"),
    path("<slug:slug>/skiftes/ny/", views.LedgerEditView.as_view(), name="ledger_create"),
    path("<slug:slug>/skiftes/<int:pk>/", views.LedgerEditView.as_view(), name="ledger_edit"),
    path("<slug:slug>/skiftes/<int:pk>/slet/", views.LedgerDeleteView.as_view(), name="ledger_delete"),
    path("<slug:slug>/<int:year>/", views.YearDetailView.as_view(), name="year"),
    path("<slug:slug>/<int:year>/rediger/", views.YearEditView.as_view(), name="year_edit"),
    path("<slug:slug>/<int:year>/genaabn/", views.ReopenView.as_view(), name="reopen"),
    path("<slug:slug>/<int:year>/opgoerelse/dan/", views.GenerateView.as_view(), name="generate"),
    path("<slug:slug>/<int:year>/opgoerelse/<int:version>/", views.StatementView.as_view(), name="statement"),
    path("<slug:slug>/<int:year>/opgoerelse/<int:version>/godkend/", views.ApproveView.as_view(), name="approve"),
    path("<slug:slug>/<int:year>/opgoerelse/<int:version>/medlem/<str:code>/", views.MemberStatementView.as_view(),
         name="member_statement"),
    path("<slug:slug>/<int:year>/opgoerelse/<int:version>/eksport.<str:fmt>", views.StatementExportView.as_view(),
         name="statement_export"),
    path("<slug:slug>/<int:year>/<str:kind>/ny/", views.PartEditView.as_view(), name="part_create"),
    path("<slug:slug>/<int:year>/<str:kind>/<int:pk>/", views.PartEditView.as_view(), name="part_edit"),
    path("<slug:slug>/<int:year>/<str:kind>/<int:pk>/slet/", views.PartDeleteView.as_view(), name="part_delete"),
]
