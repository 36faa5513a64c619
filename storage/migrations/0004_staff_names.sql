-- Gespreksleiders and coordinators are staff: their first name is kept with their role so
-- a coordinator can tell who is who in /rollen. Parents' names are never kept here.
ALTER TABLE roles ADD COLUMN display_name TEXT;
