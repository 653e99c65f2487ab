from django.urls import path

from . import views

app_name = "formation"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("raadgiver/", views.AdvisorView.as_view(), name="advisor"),
    path("start/", views.StartView.as_view(), name="start"),
    path("beslutning/<int:pk>/", views.DecisionView.as_view(), name="decision"),
    path("beslutningspunkt/<int:pk>/", views.GateView.as_view(), name="gate"),
    path("<slug:slug>/", views.DetailView.as_view(), name="detail"),
    path("<slug:slug>/nyt-forslag/", views.RescopeView.as_view(), name="rescope"),
    path("<slug:slug>/medlemskab/", views.JoiningView.as_view(), name="joining"),
    path("<slug:slug>/medlemskab/udbud/", views.EstimateView.as_view(), name="estimate"),
    path("<slug:slug>/medlemskab/ansoeg/", views.ApplyView.as_view(), name="apply"),
    path("<slug:slug>/beslutningsoplaeg/", views.ProposalView.as_view(), name="proposal"),
    path("<slug:slug>/kursskifte/", views.CourseView.as_view(), name="course"),
    path("<slug:slug>/kursskifte/<int:pk>/valg/", views.CourseChoiceView.as_view(), name="course-choice"),
    path("<slug:slug>/kursskifte/<int:pk>/strategi/", views.CourseChoiceView.as_view(kind="strategy"),
         name="course-strategy"),
    path("<slug:slug>/leverer/", views.DeliveryView.as_view(), name="delivery"),
    path("<slug:slug>/udtraeden/", views.LeaveView.as_view(), name="leave"),
]
