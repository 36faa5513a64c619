"""webinar"""
