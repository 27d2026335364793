# Turns migrations/NNNN_name.sql into a C++ table compiled into the binary, so that o2c
# needs no files beside it at run time. Run at build time with -DSOURCE_DIR and -DOUTPUT.
file(GLOB migrations "${SOURCE_DIR}/migrations/*.sql")
list(SORT migrations)
set(content "// Generated from src/store/migrations/*.sql by embed_migrations.cmake. Do not edit.\n")
foreach(path IN LISTS migrations)
  get_filename_component(name "${path}" NAME)
  string(SUBSTRING "${name}" 0 4 number)
  math(EXPR version "${number}")
  file(READ "${path}" sql)
  string(APPEND content "{${version}, \"${name}\", R\"o2c_sql(${sql})o2c_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "${content}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
