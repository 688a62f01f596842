-- What a run last listed of a location, kept when a walk of it starts: its title and Maps link. A review fetched on its
-- own (a Google notification names only ids) is delivered with them; null until a run has walked the location.
ALTER TABLE review_store.locations ADD COLUMN title text;
ALTER TABLE review_store.locations ADD COLUMN maps_uri text;
