// The field reference for editors (docs/fields.md): every field of every
// collection and every id of every vocabulary, in Markdown, generated from
// the catalogue's schema and vocabularies so it cannot drift from them.
//
// `passerelle docs --out docs/fields.md` writes it; a test fails when the
// committed file differs from what the command makes.
#pragma once

#include <string>

#include "catalogue/catalogue_config.h"
#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"

namespace passerelle {

std::string fields_markdown(const CatalogueConfig& config, const Schema& schema,
                            const Vocabularies& vocabularies);

}  // namespace passerelle
