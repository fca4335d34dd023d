-- Great-circle distance in kilometres between two points in WGS84 degrees (haversine, on a sphere
-- of the Earth's mean radius, 6371 km), given with the cosine of each point's latitude: a query
-- measuring many pairs computes each point's cosine once instead of once per pair (the nearest
-- town of every seizure event, seizure_event_places_computed). km_between gives the cosines.
CREATE MACRO km_between_cosines(lat1, lon1, cos_lat1, lat2, lon2, cos_lat2) AS
    2 * 6371.0 * asin(sqrt(
        pow(sin(radians(lat2 - lat1) / 2), 2)
        + cos_lat1 * cos_lat2 * pow(sin(radians(lon2 - lon1) / 2), 2)
    ));
