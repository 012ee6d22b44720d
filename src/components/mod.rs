//! Domain-free widgets in PatternFly's markup: icons, alerts, empty and loading states.

pub mod confirm_modal;
pub mod data_table;
pub mod empty_state;
pub mod error_alert;
pub mod focus_trap;
pub mod form_group;
pub mod form_modal;
pub mod icons;
pub mod kebab_menu;
pub mod loading;
pub mod popover;
pub mod status_label;
pub mod tabs;
pub mod viewport;

pub use confirm_modal::ConfirmModal;
pub use data_table::DataTable;
pub use empty_state::EmptyState;
pub use error_alert::ErrorAlert;
pub use form_group::{FormGroup, SelectCaret};
pub use form_modal::FormModal;
pub use kebab_menu::{KebabMenu, MenuAction};
pub use loading::LoadingRows;
pub use popover::Popover;
pub use status_label::StatusLabel;
pub use tabs::TabBar;
