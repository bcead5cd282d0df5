app_name = "importexport"
urlpatterns: list = []
