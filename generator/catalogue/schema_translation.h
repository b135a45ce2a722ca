// The schema's words in another language: content/schema.<language>.yaml
// beside schema.yaml (schema.fr.yaml).
//
// The file mirrors schema.yaml but holds only what pages show readers: the
// sections' labels and descriptions; the collections' labels, singulars and
// descriptions; their fields' labels, help, inverse labels and enum values'
// labels, at any depth (`items`, `fields`); the common fields' (`common:`);
// the taxonomies' labels, singulars and help (which also name their fields).
// What the site is built from (types, values, sort, facets…) is schema.yaml's
// alone: such a key here is an error, as is a name schema.yaml does not
// declare. What the file leaves out stays in the default language.
#pragma once

#include <string>

#include "catalogue/schema.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

// `schema` with its texts in `language`, as `<content_dir>/schema.<language>.yaml`
// gives them; without that file, `schema` as it is. Problems are added to
// `diagnostics`, at their line; what could be read is translated all the same.
Schema translate_schema(const Schema& schema, const FileSystem& fs, const std::string& content_dir,
                        const std::string& language, Diagnostics& diagnostics);

}  // namespace passerelle
