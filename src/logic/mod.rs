//! Pure functions behind the pages, tested natively: operating systems, statuses, ages.

pub mod age;
pub mod os;
pub mod routes;
pub mod vm_list;
pub mod vm_status;
