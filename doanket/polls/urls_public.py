app_name = "polls_public"
urlpatterns: list = []
