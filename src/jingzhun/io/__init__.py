"""Records in and out: record errors, converters to domain objects, file formats, loaders."""
