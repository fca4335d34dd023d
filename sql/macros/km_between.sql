-- Great-circle distance in kilometres between two points in WGS84 degrees (haversine, on a sphere
-- of the Earth's mean radius, 6371 km): close enough for a watch's radius around a place. The
-- formula is km_between_cosines'.
CREATE MACRO km_between(lat1, lon1, lat2, lon2) AS
    km_between_cosines(lat1, lon1, cos(radians(lat1)), lat2, lon2, cos(radians(lat2)));
