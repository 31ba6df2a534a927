"""The queue's pages, one module per audience: kiosk.py (the kiosk, the ticket slip and the
ticket's live page), appointments.py (booking through the portal), displays.py (the hall display
and each window's display), desk.py (calling at the window), floor.py (the center office: live
floor, KPIs, categories). Each module keeps its own `urlpatterns`."""
