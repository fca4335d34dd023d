-- Great-circle distance in kilometres between two points in WGS84 degrees (haversine, on a sphere
-- of the Earth's mean radius, 6371 km): close enough for a watch's radius around a place.
CREATE MACRO km_between(lat1, lon1, lat2, lon2) AS
    2 * 6371.0 * asin(sqrt(
        pow(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * pow(sin(radians(lon2 - lon1) / 2), 2)
    ));
