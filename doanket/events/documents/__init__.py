"""Documents made from an event: invitation QR codes, certificates of attendance (PDF) and the
event report (.docx, .xlsx), laid out per Decree 30/2020 (A4, Times New Roman, 20/20/30/15 mm)."""
