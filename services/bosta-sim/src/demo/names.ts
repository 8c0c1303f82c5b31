/**
 * Egyptian names and address parts, each as [English spelling, Arabic spelling]. Muslim and Coptic
 * names both appear, as in HVAR's real customer base.
 */

/** [English, Arabic] */
export type Spelling = readonly [string, string];

/** Male first names. */
export const MALE_FIRST_NAMES: readonly Spelling[] = [
  ['Ahmed', 'أحمد'], ['Mohamed', 'محمد'], ['Mahmoud', 'محمود'], ['Mostafa', 'مصطفى'], ['Ali', 'علي'],
  ['Omar', 'عمر'], ['Youssef', 'يوسف'], ['Hassan', 'حسن'], ['Hussein', 'حسين'], ['Ibrahim', 'إبراهيم'],
  ['Khaled', 'خالد'], ['Tarek', 'طارق'], ['Amr', 'عمرو'], ['Karim', 'كريم'], ['Sherif', 'شريف'],
  ['Hany', 'هاني'], ['Waleed', 'وليد'], ['Ayman', 'أيمن'], ['Islam', 'إسلام'], ['Mina', 'مينا'],
  ['Beshoy', 'بيشوي'], ['Abanoub', 'أبانوب'], ['Kirollos', 'كيرلس'], ['Fady', 'فادي'], ['Ramy', 'رامي'],
  ['Sameh', 'سامح'], ['Ashraf', 'أشرف'], ['Adel', 'عادل'], ['Emad', 'عماد'], ['Essam', 'عصام'],
  ['Osama', 'أسامة'], ['Saeed', 'سعيد'], ['Abdelrahman', 'عبد الرحمن'], ['Abdallah', 'عبد الله'], ['Ziad', 'زياد'],
  ['Seif', 'سيف'], ['Hamza', 'حمزة'], ['Yasser', 'ياسر'], ['Magdy', 'مجدي'], ['Nabil', 'نبيل'],
  ['Reda', 'رضا'], ['Sayed', 'سيد'], ['Gamal', 'جمال'], ['Samir', 'سمير'], ['Wael', 'وائل'],
];

/** Female first names. */
export const FEMALE_FIRST_NAMES: readonly Spelling[] = [
  ['Fatma', 'فاطمة'], ['Aya', 'آية'], ['Mariam', 'مريم'], ['Nour', 'نور'], ['Salma', 'سلمى'],
  ['Yasmin', 'ياسمين'], ['Heba', 'هبة'], ['Mona', 'منى'], ['Dina', 'دينا'], ['Rania', 'رانيا'],
  ['Sara', 'سارة'], ['Esraa', 'إسراء'], ['Doaa', 'دعاء'], ['Amira', 'أميرة'], ['Hend', 'هند'],
  ['Shaimaa', 'شيماء'], ['Nada', 'ندى'], ['Reem', 'ريم'], ['Eman', 'إيمان'], ['Asmaa', 'أسماء'],
  ['Marwa', 'مروة'], ['Noha', 'نهى'], ['Samar', 'سمر'], ['Ghada', 'غادة'], ['Nesma', 'نسمة'],
  ['Hagar', 'هاجر'], ['Habiba', 'حبيبة'], ['Menna', 'منة'], ['Rahma', 'رحمة'], ['Zeinab', 'زينب'],
  ['Hoda', 'هدى'], ['Soad', 'سعاد'], ['Nadia', 'نادية'], ['Marina', 'مارينا'], ['Mirna', 'ميرنا'],
  ['Christine', 'كريستين'], ['Demiana', 'دميانة'], ['Lamiaa', 'لمياء'], ['Abeer', 'عبير'], ['Walaa', 'ولاء'],
];

/** Family names (also used as the father's name in two-part last names). */
export const FAMILY_NAMES: readonly Spelling[] = [
  ['Hassan', 'حسن'], ['Mohamed', 'محمد'], ['Ali', 'علي'], ['Ibrahim', 'إبراهيم'], ['Mahmoud', 'محمود'],
  ['Abdelaziz', 'عبد العزيز'], ['El Sayed', 'السيد'], ['Mostafa', 'مصطفى'], ['Fathy', 'فتحي'], ['Salah', 'صلاح'],
  ['Farouk', 'فاروق'], ['Saad', 'سعد'], ['Kamal', 'كمال'], ['Fouad', 'فؤاد'], ['Mansour', 'منصور'],
  ['Shawky', 'شوقي'], ['Ragab', 'رجب'], ['Shaaban', 'شعبان'], ['Ramadan', 'رمضان'], ['Soliman', 'سليمان'],
  ['Youssef', 'يوسف'], ['Khalil', 'خليل'], ['Naguib', 'نجيب'], ['Gaber', 'جابر'], ['Habib', 'حبيب'],
  ['Zaki', 'زكي'], ['Hamdy', 'حمدي'], ['El Masry', 'المصري'], ['El Sharkawy', 'الشرقاوي'], ['El Shazly', 'الشاذلي'],
  ['Abdelhamid', 'عبد الحميد'], ['Abdelfattah', 'عبد الفتاح'], ['Morsi', 'مرسي'], ['Hegazy', 'حجازي'], ['Badawi', 'بدوي'],
  ['Attia', 'عطية'], ['Henein', 'حنين'], ['Girgis', 'جرجس'], ['Tawfik', 'توفيق'], ['Rizk', 'رزق'],
  ['Boutros', 'بطرس'], ['Nassar', 'نصار'], ['Ashour', 'عاشور'], ['Eid', 'عيد'], ['Metwally', 'متولي'],
  ['Abdallah', 'عبد الله'], ['Helmy', 'حلمي'], ['Lotfy', 'لطفي'], ['Wahba', 'وهبة'], ['El Naggar', 'النجار'],
  ['El Haddad', 'الحداد'], ['Selim', 'سليم'], ['Amin', 'أمين'], ['Osman', 'عثمان'], ['Radwan', 'رضوان'],
  ['Sabry', 'صبري'],
];

/** Street names ("St" / "شارع" added by the generator). */
export const STREETS: readonly Spelling[] = [
  ['Abbas El Akkad', 'عباس العقاد'], ['Makram Ebeid', 'مكرم عبيد'], ['Gameat El Dowal El Arabia', 'جامعة الدول العربية'],
  ['El Tahrir', 'التحرير'], ['Port Said', 'بورسعيد'], ['El Haram', 'الهرم'], ['Faisal', 'فيصل'], ['El Nasr', 'النصر'],
  ['Salah Salem', 'صلاح سالم'], ['26th of July', '26 يوليو'], ['El Gomhoreya', 'الجمهورية'], ['El Galaa', 'الجلاء'],
  ['Talaat Harb', 'طلعت حرب'], ['Mohamed Farid', 'محمد فريد'], ['Ahmed Orabi', 'أحمد عرابي'], ['Saad Zaghloul', 'سعد زغلول'],
  ['El Bahr', 'البحر'], ['El Mahatta', 'المحطة'], ['El Madares', 'المدارس'], ['El Gamea', 'الجامع'], ['El Nil', 'النيل'],
  ['Mostafa El Nahas', 'مصطفى النحاس'], ['El Thawra', 'الثورة'], ['El Horeya', 'الحرية'], ['Omar Ibn El Khattab', 'عمر بن الخطاب'],
  ['Ahmed Shawky', 'أحمد شوقي'], ['El Mesaha', 'المساحة'], ['Mohamed Naguib', 'محمد نجيب'], ['El Kanisa', 'الكنيسة'],
  ['El Shaheed Ahmed Hamdy', 'الشهيد أحمد حمدي'], ['Ibn Sina', 'ابن سينا'], ['El Esraa', 'الإسراء'], ['Kornish El Nil', 'كورنيش النيل'],
];

/** Landmarks for the second address line. */
export const LANDMARKS: readonly Spelling[] = [
  ['Near El Salam Mosque', 'بجوار مسجد السلام'], ['In front of the school', 'أمام المدرسة'],
  ['Next to the metro station', 'بجوار محطة المترو'], ['Behind the pharmacy', 'خلف الصيدلية'],
  ['Above the bakery', 'فوق المخبز'], ['Near the church', 'بجوار الكنيسة'], ['Opposite the post office', 'أمام مكتب البريد'],
  ['Next to Vodafone store', 'بجوار محل فودافون'], ['Near the youth center', 'بجوار مركز الشباب'],
  ['Beside the supermarket', 'بجوار السوبر ماركت'], ['Near the hospital', 'بالقرب من المستشفى'],
];

/** Delivery notes customers and agents write. */
export const DELIVERY_NOTES: readonly Spelling[] = [
  ['Call before arrival', 'اتصل قبل الوصول'], ['Deliver after 5 pm', 'التسليم بعد الساعة 5 مساءً'],
  ['Fragile, handle with care', 'قابل للكسر'], ['Ring the bell twice', 'اضرب الجرس مرتين'],
  ['Leave with the doorman', 'يسلم للبواب'], ['Customer works until 4 pm', 'العميل في العمل حتى 4 عصراً'],
];
